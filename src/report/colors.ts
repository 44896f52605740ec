import pc from 'picocolors';

export type Colors = ReturnType<typeof pc.createColors>;

/**
 * Colour decision (decided here: picocolors alone turns colour on for FORCE_COLOR=0 and for pipes under CI):
 * --color/--no-color, then NO_COLOR (non-empty: off), then FORCE_COLOR (0/false: off, else on), then whether the
 * stream is a colour-capable TTY.
 */
export function shouldColor(flag: boolean | undefined, stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return !['0', 'false'].includes(env.FORCE_COLOR.toLowerCase());
  return Boolean(stream.isTTY && typeof stream.hasColors === 'function' && stream.hasColors());
}

export function makeColors(on: boolean): Colors {
  return pc.createColors(on);
}
