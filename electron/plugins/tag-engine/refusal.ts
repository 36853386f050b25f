/**
 * A template or a tag value refused before anything was sent to the target (RunFailure kind
 * 'refused'). Messages name the tag and the rule, never the value: values may be secret.
 */
export class Refusal extends Error {
  constructor(
    message: string,
    /** 1-based template line, when one line is to blame. */
    readonly line: number | null = null,
    readonly column: number | null = null,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}
