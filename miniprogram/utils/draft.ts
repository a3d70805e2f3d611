// Drafts kept in local storage, so what a person typed survives leaving the page or a failed submit.

export function loadDraft<T extends object>(key: string): Partial<T> | null {
  try {
    const value: unknown = wx.getStorageSync(key);
    return value && typeof value === 'object' ? (value as Partial<T>) : null;
  } catch (e) {
    console.warn(`reading draft ${key} failed`, e);
    return null;
  }
}

export function saveDraft<T extends object>(key: string, value: T) {
  try {
    wx.setStorageSync(key, value);
  } catch (e) {
    // Storage full or unavailable: the form keeps working, only the draft is not kept.
    console.warn(`saving draft ${key} failed`, e);
  }
}

export function clearDraft(key: string) {
  try {
    wx.removeStorageSync(key);
  } catch (e) {
    console.warn(`clearing draft ${key} failed`, e);
  }
}
