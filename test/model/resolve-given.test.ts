/** Names a person gives calint resolve against the export and the built-in catalogues, or fail with close matches. */
import { describe, expect, it } from 'vitest';
import { closeMatches, editDistance } from '../../src/model/close-matches.js';
import { NameError, resolveGiven, resolvePrincipal } from '../../src/model/resolve-given.js';
import { indexOf, policy } from '../helpers/tenant.js';

const USER = 'b9e1a5e0-0000-4000-8000-000000000001';
const GROUP = 'b9e1a5e0-0000-4000-8000-0000000000a1';
const index = indexOf({
  policies: [policy()],
  users: [{ id: USER, displayName: 'Break Glass 01', userPrincipalName: 'bg01@contoso.onmicrosoft.com' }],
  groups: [{ id: GROUP, displayName: 'Emergency access' }, { id: 'b9e1a5e0-0000-4000-8000-0000000000a2', displayName: 'Twins' }, { id: 'b9e1a5e0-0000-4000-8000-0000000000a3', displayName: 'twins' }],
});
const empty = indexOf({ policies: [policy()] });
const cli = (label: string) => ({ label });

function error(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(NameError);
    return (e as Error).message;
  }
  throw new Error('expected a NameError');
}

describe('close matches', () => {
  it('ranks containment, then shared words, then edit distance', () => {
    expect(closeMatches('Exchange Online', ['Office 365 Exchange Online', 'Exchange Online Protection', 'Microsoft Graph'])).toEqual([
      'Exchange Online Protection',
      'Office 365 Exchange Online',
    ]);
    expect(closeMatches('Global Admin', ['Global Administrator', 'Global Reader', 'Security Administrator'])[0]).toBe('Global Administrator');
    expect(closeMatches('Secrity Administrator', ['Security Administrator', 'Global Reader'])).toEqual(['Security Administrator']);
    expect(closeMatches('zzzz', ['Global Administrator'])).toEqual([]);
  });
  it('counts a transposition as one edit', () => {
    expect(editDistance('admin', 'amdin')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('resolveGiven', () => {
  it('resolves ids, UPNs and names case-insensitively', () => {
    expect(resolveGiven(index, 'user', 'BG01@contoso.onmicrosoft.com', cli('--user')).key).toBe(USER);
    expect(resolveGiven(index, 'group', 'emergency ACCESS', cli('--group')).key).toBe(GROUP);
    expect(resolveGiven(index, 'role', 'global administrator', cli('--role')).key).toBe('62e90394-69f5-4237-9190-012177145e10');
    expect(resolveGiven(index, 'application', 'office 365 exchange online', cli('--app')).key).toBe('00000002-0000-0ff1-ce00-000000000000');
  });

  it('accepts an id the export does not hold', () => {
    expect(resolveGiven(empty, 'user', 'c0c0c0c0-0000-4000-8000-000000000001', cli('--user')).status).toBe('unresolved');
  });

  it('fails with the value, where it came from and close matches', () => {
    expect(error(() => resolveGiven(index, 'application', 'Exchange Online', cli('--app')))).toMatch(
      /^--app "Exchange Online": no application with this id or name \(did you mean .*"Office 365 Exchange Online".*\?\)$/,
    );
    expect(error(() => resolveGiven(index, 'role', 'Global Admin', cli('--role')))).toMatch(/^--role "Global Admin": no directory role .*did you mean "Global Administrator"/);
    expect(error(() => resolveGiven(index, 'user', 'nobody@contoso.com', cli('--user')))).toMatch(/^--user "nobody@contoso.com": no user with this id or name/);
    expect(error(() => resolveGiven(empty, 'user', 'alice@contoso.com', cli('--user')))).toMatch(/the export holds no users, so give the object id/);
    expect(error(() => resolveGiven(index, 'group', 'twins', cli('--group')))).toMatch(/2 groups have this name: .*give the id instead/);
  });

  it('names the file, pointer and key for a value from a file', () => {
    const e = error(() => resolvePrincipal(index, '<object id of break-glass account 1>', { label: 'breakGlass.users[0]', file: 'calint.config.json', pointer: '/breakGlass/users/0', line: 6, column: 7 }));
    expect(e).toBe(
      'calint.config.json:6:7 at /breakGlass/users/0: breakGlass.users[0] "<object id of break-glass account 1>": a placeholder, not an account: replace it with the object id (or UPN) of the break-glass user or group',
    );
  });
});

describe('resolvePrincipal', () => {
  it('tells users from groups by the export, and leaves an id it does not hold of unknown kind', () => {
    expect(resolvePrincipal(index, USER, cli('--break-glass')).kind).toBe('user');
    expect(resolvePrincipal(index, 'Emergency access', cli('--break-glass'))).toEqual({ kind: 'group', id: GROUP, name: 'Emergency access' });
    expect(resolvePrincipal(empty, GROUP, cli('--break-glass'))).toEqual({ kind: 'unknown', id: GROUP, name: GROUP });
  });
});
