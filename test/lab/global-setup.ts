// Vitest globalSetup: starts the whole lab once, before the project's tests, and stops it after.
// Tests read the details through labDetails() from ./inject.ts (provide key 'lab').

import type { TestProject } from 'vitest/node';
import { installSignalCleanup } from './cleanup.js';
import type {} from './inject.js'; // Types only: brings the ProvidedContext['lab'] declaration.
import { startLab } from './lab.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  installSignalCleanup();
  const lab = await startLab();
  const ports = Object.entries(lab.details)
    .map(([name, details]) => `${name} :${details.port}`)
    .join(', ');
  console.log(`lab: up in ${lab.startMs} ms (${ports})`);
  project.provide('lab', lab.details);
  return async () => {
    await lab.stop();
  };
}
