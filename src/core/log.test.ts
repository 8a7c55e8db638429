import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';

it('logs to stderr with secrets redacted, leaving stdout to command results', () => {
  const script = `import { log } from './src/core/log.ts'; log.warn({ token: 'mur_secret123', source: { password: 'hunter22' } }, 'careful'); process.stdout.write('RESULT');`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: new URL('../..', import.meta.url),
    env: { ...process.env, VITEST: '', MURMUR_LOG_LEVEL: 'info' },
    encoding: 'utf8',
  });
  expect(child.stdout).toBe('RESULT');
  expect(child.stderr).toContain('careful');
  expect(child.stderr).not.toContain('mur_secret123');
  expect(child.stderr).not.toContain('hunter22');
});
