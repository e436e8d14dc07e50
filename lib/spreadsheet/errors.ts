/** A file refused as a whole (not a spreadsheet, unreadable, too large once inflated, wrong headers): nothing is written. */
export class ImportRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportRefused";
  }
}
