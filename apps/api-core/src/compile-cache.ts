// Imported first by main.ts: Node keeps the compiled code of every module it
// loads on disk (in the OS temp directory) and reuses it on the next start.
import { enableCompileCache } from 'node:module';

enableCompileCache();
