/** Dates as the offices work by them: China Standard Time (UTC+8), YYYY-MM-DD. */
export const inDays = (n: number) => new Date(Date.now() + (8 * 3600 + n * 86400) * 1e3).toISOString().slice(0, 10);
export const today = () => inDays(0);
