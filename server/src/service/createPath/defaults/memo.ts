/**
 * Memory for pure functions of short texts that the create path computes for every object
 * (the stored form of `500m`, the pull policy of an image): manifests repeat the same few
 * values. Bounded: emptied when full, and long texts are not kept (the input is untrusted).
 */
const MAX_ENTRIES = 4096;
const MAX_KEY = 256;

export function memoByText<T>(fn: (text: string) => T): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    if (text.length > MAX_KEY) return fn(text);
    const hit = cache.get(text);
    if (hit !== undefined || cache.has(text)) return hit as T;
    if (cache.size >= MAX_ENTRIES) cache.clear();
    const value = fn(text);
    cache.set(text, value);
    return value;
  };
}
