// Signals that make sense for STOPSIGNAL.
import type { SignalInfo } from './types';

export const signals: SignalInfo[] = [
  { name: 'SIGTERM', number: 15, summary: 'The default: a polite request to terminate; well-behaved servers shut down cleanly.' },
  { name: 'SIGINT', number: 2, summary: 'What Ctrl+C sends. Some programs (Node REPLs, Python) handle it better than SIGTERM.' },
  { name: 'SIGQUIT', number: 3, summary: 'Quit; nginx and php-fpm use it for a graceful shutdown.' },
  { name: 'SIGHUP', number: 1, summary: 'Hang-up; many daemons treat it as "reload configuration", not "stop".' },
  { name: 'SIGKILL', number: 9, summary: 'Cannot be caught: the process dies at once with no cleanup. Rarely a good stop signal.' },
  { name: 'SIGUSR1', number: 10, summary: 'Application-defined.' },
  { name: 'SIGUSR2', number: 12, summary: 'Application-defined.' },
  { name: 'SIGWINCH', number: 28, summary: 'Window size change; Apache httpd uses it for a graceful stop.' },
  { name: 'SIGSTOP', number: 19, summary: 'Pauses the process (cannot be caught); it does not end it.' },
  { name: 'SIGRTMIN+3', summary: 'What systemd expects for a clean shutdown when it runs as PID 1.' },
];
