/**
 * Every kind of background job, imported for its `defineJob` side effect, so
 * that whichever copy of the server code starts the runner knows all of them.
 * A module that defines jobs is listed here.
 */
import '../mail/send-job';
import './prune-job';
