// Globals the mini program runtime provides and jsdom does not: getApp, getCurrentPages, App.
// Runs before each page test file; the harness (harness.ts) adds wx.cloud and the recorded wx APIs.

const app = { globalData: {} };

global.getApp = () => app;
global.getCurrentPages = () => [];
global.App = (options) => Object.assign(app, options);
