import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';

/** The XML parts of a .docx (document, headers, footers, numbering …) by their path in the package. */
export function docxParts(path: string): Record<string, string> {
  const files = unzipSync(new Uint8Array(readFileSync(path)));
  return Object.fromEntries(
    Object.entries(files)
      .filter(([name]) => name.endsWith('.xml'))
      .map(([name, bytes]) => [name, strFromU8(bytes)]),
  );
}

/** Every file name in the .docx package (media included). */
export function unzipNames(path: string): string[] {
  return Object.keys(unzipSync(new Uint8Array(readFileSync(path))));
}
