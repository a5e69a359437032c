/// <reference lib="webworker" />
// The widget's proof-of-work solver, inlined into widget.js as a worker started only when an event asks for a proof.
import { servePow } from '@queuetix/contracts/pow-solver';

servePow(self);
