/** Whether to colour output: --color/--no-color, then FORCE_COLOR, then NO_COLOR, then "is it a terminal". */
export function shouldColor(isTTY: boolean | undefined, env: NodeJS.ProcessEnv, override?: boolean): boolean {
  if (override !== undefined) return override;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force.toLowerCase() !== "false";
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return isTTY === true && env.TERM !== "dumb";
}

export interface Paint {
  bold(s: string): string;
  underline(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  green(s: string): string;
}

const sgr = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
const plain = (s: string) => s;

export function paint(enabled: boolean): Paint {
  if (!enabled) return { bold: plain, underline: plain, dim: plain, red: plain, yellow: plain, blue: plain, green: plain };
  return { bold: sgr(1, 22), underline: sgr(4, 24), dim: sgr(2, 22), red: sgr(31, 39), yellow: sgr(33, 39), blue: sgr(34, 39), green: sgr(32, 39) };
}
