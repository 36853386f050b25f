/** Offsets to 1-based line and column, for problems and step line numbers. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
    }
  }

  position(offset: number): TextPosition {
    // Binary search: templates are small, but a 64 KiB one has thousands of lines.
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (this.starts[low] ?? 0) + 1 };
  }

  line(offset: number): number {
    return this.position(offset).line;
  }
}
