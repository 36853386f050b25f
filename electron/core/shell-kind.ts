import type { z } from 'zod';
import type { shellKindSchema } from '../../shared/contract/app';

export type ShellKind = z.infer<typeof shellKindSchema>;
