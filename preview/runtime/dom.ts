// The shell's own elements by id. Page element ids reach the DOM too (as WeChat's `#id` selectors
// need), so a page's `<view id="identity">` or `id="messages"` must not be taken for the shell's.

/** The shell element with that id: never one inside the phone's viewport, where pages render. */
export function shellElement(id: string): HTMLElement {
  const viewport = document.getElementById('viewport'); // precedes every page in document order
  for (const el of Array.from(document.querySelectorAll<HTMLElement>(`[id="${CSS.escape(id)}"]`))) {
    if (!viewport || el === viewport || !viewport.contains(el)) return el;
  }
  return null as unknown as HTMLElement;
}
