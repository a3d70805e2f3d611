// Globals the mini program runtime provides and jsdom does not: getApp, getCurrentPages, App.
// Runs before each page test file; the harness (harness.ts) adds wx.cloud and the recorded wx APIs.

const timers = require('node:timers');

const app = { globalData: {} };

global.getApp = () => app;
global.getCurrentPages = () => [];
global.App = (options) => Object.assign(app, options);

// devcloud's host runs in this jsdom context too (harness.ts opens it in-process) and, as a Node
// program, calls `timer.unref()` on its timers; jsdom's timers return bare numbers. Node's timers
// serve the pages just as well, so the context uses them.
global.setTimeout = timers.setTimeout;
global.clearTimeout = timers.clearTimeout;
global.setInterval = timers.setInterval;
global.clearInterval = timers.clearInterval;
