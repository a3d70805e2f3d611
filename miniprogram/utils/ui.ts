// Small wrappers over wx feedback APIs, so every page says things the same way.

/** A short message; `icon: 'none'` lets it show two lines of text. */
export function toast(title: string) {
  wx.showToast({ title, icon: 'none', duration: 2500 });
}

/** A message the person must acknowledge. */
export function notice(title: string, content: string) {
  wx.showModal({ title, content, showCancel: false, confirmText: '知道了' });
}

/** Asks before something that cannot be undone; resolves true when confirmed. */
export function confirm(title: string, content: string, confirmText = '确定'): Promise<boolean> {
  return new Promise((resolve) => {
    wx.showModal({
      title,
      content,
      confirmText,
      cancelText: '取消',
      success: (res) => resolve(!!res.confirm),
      fail: () => resolve(false),
    });
  });
}

/** Copies text and says so; the clipboard is a privacy API, so this may ask for consent first. */
export function copyText(data: string, what: string) {
  wx.setClipboardData({
    data,
    success: () => toast(`${what}已复制`),
  });
}
