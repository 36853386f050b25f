// What tests call to reach the lab that test/lab/global-setup.ts started for their project.

import { inject } from 'vitest';
import type { LabDetails } from './types.js';

declare module 'vitest' {
  export interface ProvidedContext {
    lab: LabDetails;
  }
}

/** The running lab's connection details. Throws if this project's globalSetup did not start a lab. */
export function labDetails(): LabDetails {
  // Typed as always there, but absent at run time when no globalSetup provided it.
  const details = inject('lab') as LabDetails | undefined;
  if (details === undefined) {
    throw new Error("no lab details: add 'test/lab/global-setup.ts' to this Vitest project's globalSetup");
  }
  return details;
}
