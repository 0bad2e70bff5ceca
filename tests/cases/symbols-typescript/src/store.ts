function component(options: object) {
  return (target: unknown) => target;
}

function memo(target: unknown, key: string) {}

/** A store of things. */
@component({ tag: "store" })
export class Store<T> {
  private items = new Map<string, T>();

  /**
   * The item under `key`.
   */
  @memo
  get(key: string): T | undefined {
    return this.items.get(key);
  }

  set(key: string, value: T): void {
    this.items.set(key, value);
  }
}

/** What a store holds. */
export interface Shape {
  /** How many. */
  size: number;
  name: string;
}

export type Id = string | number;

export enum Color {
  Red,
  Green,
}

export default function makeStore(): Store<Shape> {
  return new Store<Shape>();
}
