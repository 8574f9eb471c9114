import { runOpsCommand } from '@idcard/ops';

/** `npm run ops -- lag …`: what kafka-consumer-groups.sh --describe shows for every group, plus lag seconds and status. */
runOpsCommand(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
}).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`ops failed: ${err instanceof Error ? err.stack : err}\n`);
    process.exit(1);
  },
);
