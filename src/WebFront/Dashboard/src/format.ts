// Numbers as people read them: binary units, rates per second, unix times.

const units = ["B", "KiB", "MiB", "GiB", "TiB"];

export function bytes(n: number): string {
  let value = n;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}

export function rate(n: number): string {
  return n > 0 ? `${bytes(n)}/s` : "–";
}

export function percent(progress: number): string {
  return `${(Math.min(1, Math.max(0, progress)) * 100).toFixed(progress >= 1 ? 0 : 1)}%`;
}

export function unixTime(seconds: number): string {
  return seconds > 0 ? new Date(seconds * 1000).toLocaleString() : "–";
}
