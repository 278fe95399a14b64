import { buildApp } from "./environments/app";

// `cdktf synth` runs this through scripts/app.js (cdktf.json "app").
buildApp().synth();
