/// <reference lib="webworker" />
// Solves a proof-of-work challenge off the main thread, reporting progress as it goes.
import { servePow } from '@queuetix/contracts/pow-solver';

servePow(self);
