// Client tokens: one per form, so a double tap or a retry of the same form files it only once.

/** 32 characters of [0-9a-z-], matching the contract's `^[A-Za-z0-9-]{8,64}$`. */
export function newClientToken(): string {
  let random = '';
  while (random.length < 20) random += Math.random().toString(36).slice(2);
  return `${Date.now().toString(36)}-${random.slice(0, 20)}`;
}
