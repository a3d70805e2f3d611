// WeChat's 点击态 (tap state): some APIs (wx.requestSubscribeMessage) work only while a tap is being
// handled, from the tap's handler or from the success callback of a dialog the person just answered
// (https://developers.weixin.qq.com/miniprogram/dev/framework/view/tap.html), and one tap allows one
// such call. Android also keeps the state through promises of the same task, iOS does not; the
// preview is as strict as iOS: the call must happen synchronously in the handler.
// Taps reach page handlers through exparser's Event.dispatchEvent, so dispatching one opens a gesture.
import { exparser, nodeOfDom, type ExEvent } from './engine';

let depth = 0;
let token = { consumed: false };

/** True while a tap or a dialog answer is being handled (synchronously). */
export function inGesture(): boolean {
  return depth > 0 && !token.consumed;
}

/** Uses up the current gesture; false when there is none (or it was used already). */
export function consumeGesture(): boolean {
  if (!inGesture()) return false;
  token.consumed = true;
  return true;
}

/** Runs `fn` as a new user gesture (or inside the one being handled). */
export function gesture<T>(fn: () => T): T {
  if (depth === 0) token = { consumed: false };
  depth++;
  try {
    return fn();
  } finally {
    depth--;
  }
}

const GESTURE_EVENTS = new Set(['tap', 'longpress', 'submit']);

/**
 * Wraps exparser's dispatch: taps open a gesture, and a DOM target inside a built-in's native parts
 * (the knob of a switch, the box of a checkbox) is taken as the built-in itself, as WeChat does.
 */
export function installGestureTracking() {
  const original = exparser.Event.dispatchEvent.bind(exparser.Event);
  exparser.Event.dispatchEvent = (target, event: ExEvent) => {
    let to = target;
    if (to instanceof Node && !(to as Node & { __wxElement?: unknown }).__wxElement) {
      const node = nodeOfDom(to);
      if (node?.$$) to = node.$$;
    }
    return GESTURE_EVENTS.has(event.type)
      ? gesture(() => original(to, event))
      : original(to, event);
  };
}
