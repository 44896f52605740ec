// A rule that throws at run time: the other rules still run, the run exits 2 (incomplete result).
export default {
  id: 'explosive/always-throws',
  catalogue: 'CA-000',
  title: 'Throws',
  severity: 'low',
  rationale: 'Tests rule isolation.',
  remediation: 'None.',
  references: [],
  messages: { never: () => 'never' },
  check() {
    throw new Error('boom from a broken rule');
  },
};
