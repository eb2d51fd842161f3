#!/usr/bin/env node
// The `evident` command. Node's compile cache applies to the modules loaded after it is turned on,
// so this entry is small: turn it on, then load the program (docs/adr/0014-start-up-of-evident-check.md).
import { enableCompileCache } from './compile-cache.js';

enableCompileCache();
const { main } = await import('./main.js');
await main();
