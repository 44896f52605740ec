/**
 * Appendix: the inputs. Files read, with what they held, their size and sha256; files that could not be read, with
 * why; and files that are not Conditional Access data, named once in one calm line (they were not read, so they have
 * no size or hash to show).
 */
import { kindCount } from '../labels.js';
import { formatBytes, joinAnd, pathView, plainText, type PathView } from '../words.js';
import type { Core } from './core.js';
import type { SectionPlan, SectionRef } from './index.js';

export interface AppendixInputsView {
  section: SectionRef;
  root: string;
  files: Array<{ path: PathView; content: string; size: string; sha256: string }>;
  unreadable: Array<{ path: PathView; reason: string }>;
  notRead: string | null;
  config: { file: string; sha256: string } | null;
}

export function buildAppendixInputs(core: Core, plan: SectionPlan): AppendixInputsView {
  const { result, inputRoot } = core;
  const files = result.inputs
    .filter((i) => i.status === 'loaded')
    .map((i) => {
      const kinds = Object.entries(i.counts ?? {}).filter(([, n]) => (n ?? 0) > 0);
      return {
        path: pathView(i.path, inputRoot),
        content: kinds.length ? joinAnd(kinds.map(([k, n]) => kindCount(k, n!))) : 'nothing calint uses',
        size: formatBytes(i.bytes),
        sha256: i.sha256 ?? '',
      };
    });
  const unreadable = result.inputs
    .filter((i) => i.status === 'error')
    .map((i) => ({ path: pathView(i.path, inputRoot), reason: plainText(i.reason ?? i.description).replace(/^error:\s*/i, '') }));
  const skipped = result.inputs.filter((i) => i.status === 'skipped').map((i) => pathView(i.path, inputRoot).text);
  return {
    section: plan.byKey.appendixInputs,
    root: inputRoot ? inputRoot : 'the files as given',
    files,
    unreadable,
    notRead: skipped.length ? `Not Conditional Access data, not read: ${skipped.join(', ')}.` : null,
    config: result.config ? { file: result.config.file, sha256: result.config.sha256 } : null,
  };
}
