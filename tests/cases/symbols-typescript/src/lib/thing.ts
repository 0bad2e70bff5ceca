export class Thing {
  constructor(private readonly name: string) {}

  /** Says what it is. */
  describe(): string {
    return `a thing called ${this.name}`;
  }
}
