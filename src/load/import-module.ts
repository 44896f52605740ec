/**
 * Dynamic import() for code that also runs inside the command-line bundle. bin/calint.cjs runs dist/calint.cjs through
 * vm.Script (with V8's code cache, for start-up speed), where a bare import() has no module loader; the entry script
 * hands over its own as globalThis.__calintImport. Everywhere else (tests, the library) this is plain import().
 */
type Importer = (specifier: string) => Promise<unknown>;

export function importModule<T = Record<string, unknown>>(specifier: string): Promise<T> {
  const provided = (globalThis as { __calintImport?: Importer }).__calintImport;
  return (provided ? provided(specifier) : import(specifier)) as Promise<T>;
}
