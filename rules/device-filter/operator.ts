import { defineRule } from '../../src/engine/define-rule.js';
import { deviceFilterOf, lintDeviceFilter, oneBasedSpan, type FilterIssue } from '../../src/evaluate/device-filter/lint.js';
import { DEVICE_PROPERTIES } from '../../src/evaluate/device-filter/properties.js';

const POINTER = '/conditions/devices/deviceFilter/rule';

const ops = (list: readonly string[] | undefined) => (list ?? []).map((o) => `-${o}`).join(', ');

export default defineRule({
  id: 'device-filter/operator',
  catalogue: 'CA-081',
  title: 'Device filter clauses use a known property with an operator and value it supports',
  risk: 'A device filter clause is rejected or never matches, so the policy covers other devices than intended',
  priority: 2,
  effort: 'low',
  userImpact: 'low',
  severity: 'medium',
  rationale:
    'Each device property supports only some operators: trustType, isCompliant, deviceOwnership and profileType only ' +
    '-eq / -ne; systemLabels and physicalIds (collections) only -contains / -notContains; deviceId and mdmAppId no ' +
    'substring tests. A clause outside the reference is rejected by Graph or never matches, so the policy silently covers ' +
    'other devices than intended. One form is common and deliberate: Microsoft\'s token-protection article writes ' +
    '‘device.systemLabels -eq "CloudPC"’. calint accepts it and evaluates it as -contains (the device carries that label); it is ' +
    'reported at severity info, once per filter, so that the rule can be written in the form the filter reference documents ' +
    'without failing a CI gate.',
  remediation:
    'Under Conditions > Filter for devices, rewrite the reported clause with an operator the property supports (for example ' +
    '‘device.systemLabels -contains "CloudPC"’, ‘device.trustType -eq "AzureAD"’), a property from the reference (deviceId, ' +
    'displayName, deviceOwnership, enrollmentProfileName, isCompliant, manufacturer, mdmAppId, model, operatingSystem, ' +
    'operatingSystemVersion, physicalIds, profileType, systemLabels, trustType, extensionAttribute1–15), a ["list"] with -in / ' +
    '-notIn and only with them, and one of the documented values for trustType, deviceOwnership, isCompliant and profileType.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-condition-filters-for-devices',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-token-protection',
  ],
  // The token-protection article's form is a note about how the clause is written, not a defect: it must not fail a gate.
  messageSeverity: { collectionEquals: 'info' },
  messages: {
    unknownProperty: (d) =>
      `"${d.policy}": the device filter clause ‘${d.clause}’ at character ${d.position} uses "${d.property}", which is not a ` +
      `device filter property${d.suggestion ? ` (did you mean ${d.suggestion}?)` : ''}; Graph rejects it, and it never matches a device.`,
    unknownOperator: (d) =>
      `"${d.policy}": the device filter clause ‘${d.clause}’ at character ${d.position} uses -${d.operator}, which is not a ` +
      'device filter operator (no regular expressions or -any/-all), so Graph rejects the rule or the clause never matches as intended; ' +
      (d.propertyKnown ? `${d.property} supports ${d.allowedText}.` : `the operators are ${d.allowedText}.`),
    operatorNotAllowed: (d) =>
      `"${d.policy}": the device filter clause ‘${d.clause}’ at character ${d.position} uses -${d.operator}, which ${d.property} ` +
      `does not support (only ${d.allowedText}); Graph rejects the rule or the clause never matches as intended.`,
    collectionEquals: (d) =>
      `"${d.policy}": the device filter writes -eq/-ne on the collection ${d.property} in ${d.clausesText}. This is the form ` +
      `Microsoft's token-protection article uses, and calint accepts it, reading ${d.operatorsText} (whether the device carries ` +
      `the label). The filter reference documents only -contains and -notContains for collections; write those so the rule ` +
      'matches the reference. This is a note about the form, not a change in meaning.',
    unexpectedList: (d) =>
      `"${d.policy}": the device filter clause ‘${d.clause}’ at character ${d.position} gives a [list] to -${d.operator}, which ` +
      'compares one value; only -in and -notIn take a list, so Graph rejects the rule or the clause compares against the list text.',
    missingList: (d) =>
      `"${d.policy}": the device filter clause ‘${d.clause}’ at character ${d.position} gives -${d.operator} a single value; ` +
      `-${d.operator} takes a list such as ["a","b"], so Graph may reject the rule (calint reads it as a list of one).`,
    unknownValue: (d) =>
      `"${d.policy}": the device filter clause ‘${d.clause}’ at character ${d.position} compares ${d.property} with ${d.unknownText}, ` +
      `which ${d.unknownCount === 1 ? 'is not one of its values' : 'are not among its values'} (${d.allowedText}); ` +
      (d.allUnknown
        ? `the clause ${d.negative ? 'is true for every device' : 'never matches a device'}.`
        : `${d.unknownCount === 1 ? 'that value never matches' : 'those values never match'}, so the clause acts only on the others.`),
  },
  check({ index, finding }) {
    return index.policies.flatMap((policy) => {
      const filter = deviceFilterOf(policy);
      if (filter.status !== 'parsed') return [];
      const issues = lintDeviceFilter(filter.tree, filter.rule);
      const out = issues
        .filter((issue) => issue.code !== 'collectionEquals')
        .map((issue) => finding(policy, issue.code, { pointer: POINTER, evidence: evidenceOf(issue, filter.rule), data: dataOf(issue) }));
      // The -eq form on collections is one habit, usually repeated in every clause: one note per filter.
      const normalised = issues.filter((issue) => issue.code === 'collectionEquals');
      if (normalised.length > 0) {
        const first = normalised[0]!;
        const properties = [...new Set(normalised.map((i) => i.clause.property))];
        out.push(
          finding(policy, 'collectionEquals', {
            pointer: POINTER,
            evidence: {
              ...evidenceOf(first, filter.rule),
              clauses: normalised.map((i) => ({ clause: i.text, span: oneBasedSpan(i.span), normalisedOperator: i.normalisedOperator })),
              expected: normalised.map((i) => i.text.replace(/-(eq|ne)\b/i, `-${i.normalisedOperator}`)),
            },
            data: {
              ...dataOf(first),
              clausesText: normalised.map((i) => `‘${i.text}’ (character ${i.span.start + 1})`).join(', '),
              property: properties.join(', '),
              count: normalised.length,
              operatorsText: [...new Set(normalised.map((i) => `-${i.clause.operator} as -${i.normalisedOperator}`))].join(' and '),
            },
          }),
        );
      }
      return out;
    });
  },
});

function evidenceOf(issue: FilterIssue, rule: string) {
  const c = issue.clause;
  return {
    actual: issue.text,
    span: oneBasedSpan(issue.span),
    rule,
    property: c.property,
    operator: c.operator,
    value: c.value,
    ...(issue.allowed ? { allowed: [...issue.allowed] } : {}),
    ...(issue.suggestion ? { suggestion: issue.suggestion } : {}),
    ...(issue.unknownValues ? { unknownValues: [...issue.unknownValues] } : {}),
    ...(issue.normalisedOperator
      ? { normalisedOperator: issue.normalisedOperator, expected: issue.text.replace(/-(eq|ne)\b/i, `-${issue.normalisedOperator}`) }
      : {}),
  };
}

function dataOf(issue: FilterIssue) {
  const c = issue.clause;
  const values = Array.isArray(c.value) ? c.value : [c.value];
  const unknown = issue.unknownValues ?? [];
  return {
    clause: issue.text,
    position: issue.span.start + 1,
    property: c.property,
    operator: c.operator,
    allowedText: issue.code === 'unknownValue' ? (issue.allowed ?? []).map((v) => `"${v}"`).join(', ') : ops(issue.allowed),
    suggestion: issue.suggestion ?? '',
    normalisedOperator: issue.normalisedOperator ?? '',
    valueText: values.map((v) => `"${v}"`).join(', '),
    unknownText: unknown.map((v) => `"${v}"`).join(', '),
    unknownCount: unknown.length,
    allUnknown: unknown.length === values.length,
    negative: ['ne', 'notIn'].includes(String(c.operator)),
    propertyKnown: DEVICE_PROPERTIES.has(c.property.toLowerCase()),
  };
}
