// Date renderings the contract uses, all in UTC (the docs name no time zone).

function parts(ms: number): [string, string, string, string, string, string] {
  const date = new Date(ms);
  const pad = (value: number) => String(value).padStart(2, "0");
  return [
    String(date.getUTCFullYear()).padStart(4, "0"),
    pad(date.getUTCMonth() + 1),
    pad(date.getUTCDate()),
    pad(date.getUTCHours()),
    pad(date.getUTCMinutes()),
    pad(date.getUTCSeconds()),
  ];
}

/** `yyyy-MM-dd HH:mm:ss`, the platform's input format and the eIM createTime. */
export function formatDateTime(ms: number): string {
  const [y, mo, d, h, mi, s] = parts(ms);
  return `${y}-${mo}-${d} ${h}:${mi}:${s}`;
}

/** `yyyy/MM/dd HH:mm:ss`, the RSP batch createTime as the docs' example writes it. */
export function formatSlashedDateTime(ms: number): string {
  const [y, mo, d, h, mi, s] = parts(ms);
  return `${y}/${mo}/${d} ${h}:${mi}:${s}`;
}

/** `yyyyMMddHHmmss`, a prefix for readable ids. */
export function formatCompactDateTime(ms: number): string {
  return parts(ms).join("");
}

/** Start of the sandbox's second counter: keeps stored times small integers until 2054. */
export const sandboxEpochMs = Date.UTC(2020, 0, 1);

/** Milliseconds since the Unix epoch → seconds since {@link sandboxEpochMs}. */
export function toSandboxSeconds(ms: number): number {
  return Math.floor((ms - sandboxEpochMs) / 1000);
}

/** Seconds since {@link sandboxEpochMs} → milliseconds since the Unix epoch. */
export function fromSandboxSeconds(seconds: number): number {
  return sandboxEpochMs + seconds * 1000;
}
