// A broken rule: no check function. Loading this pack must fail with a clear error naming the rule.
export default {
  id: 'broken/no-check',
  catalogue: 'CA-000',
  title: 'Broken rule',
  severity: 'low',
  rationale: 'none',
  remediation: 'none',
  references: [],
  messages: {},
};
