import { InputError } from '../load/errors.js';

/** The run's date: SOURCE_DATE_EPOCH (seconds) when set, so the same input gives byte-identical output. */
export function reportDate(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return new Date();
  if (!/^\d+$/.test(epoch)) throw new InputError(`SOURCE_DATE_EPOCH must be whole seconds since 1970, found ${JSON.stringify(epoch)}`);
  return new Date(Number(epoch) * 1000);
}
