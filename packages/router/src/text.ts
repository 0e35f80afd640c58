/**
 * The static text of one tree's nodes, as UTF-16 code units in one typed array; a node keeps
 * where its text starts (`StaticNode.at`). The lookup compares the path with these units rather
 * than with the node's string: reading a string's character costs V8 a dispatch on how the string
 * is stored, for the node's text as for the path, and a typed array has one way only. One array
 * for the whole tree costs two bytes a character, where an array per node would cost its header.
 *
 * Text is only appended: a node split in two keeps its units, the upper node reading their start
 * and the lower one their rest.
 */
export class TextUnits {
  #units = new Uint16Array(64);
  #length = 0;

  /** Every unit stored so far (and unused room after them): the array the lookup reads. */
  get units(): Uint16Array {
    return this.#units;
  }

  /** Appends the code units of `text`; where they start. */
  add(text: string): number {
    const at = this.#length;
    if (at + text.length > this.#units.length) this.#grow(at + text.length);
    for (let k = 0; k < text.length; k++) this.#units[at + k] = text.charCodeAt(k);
    this.#length = at + text.length;
    return at;
  }

  #grow(needed: number): void {
    let size = this.#units.length * 2;
    while (size < needed) size *= 2;
    const units = new Uint16Array(size);
    units.set(this.#units.subarray(0, this.#length));
    this.#units = units;
  }
}
