// Test support: the smallest SMTP server nodemailer will talk to (RFC 5321's commands, no TLS,
// no auth), on port 0, keeping each message it accepts. `refuse` makes it answer DATA with a
// permanent error, as a mail server rejecting a message does.
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  readonly from: string;
  readonly to: readonly string[];
  readonly data: string;
}

export class SmtpListener {
  readonly received: ReceivedMail[] = [];
  refuse = false;
  readonly #server: Server;

  private constructor() {
    this.#server = createServer((socket) => {
      socket.setEncoding('utf8');
      let buffer = '';
      let inData = false;
      let mail = { from: '', to: [] as string[], data: '' };
      const say = (line: string): void => void socket.write(`${line}\r\n`);
      say('220 localhost test SMTP');
      socket.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\r\n')) >= 0) {
          const line = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (inData) {
            if (line === '.') {
              inData = false;
              if (this.refuse) say('554 5.6.0 message refused');
              else {
                this.received.push(mail);
                say('250 2.0.0 queued');
              }
              mail = { from: '', to: [], data: '' };
            } else mail.data += `${line.startsWith('..') ? line.slice(1) : line}\n`;
            continue;
          }
          const verb = line.slice(0, 4).toUpperCase();
          if (verb === 'EHLO' || verb === 'HELO') say('250 localhost');
          else if (verb === 'MAIL') {
            mail.from = /<(.*)>/.exec(line)?.[1] ?? '';
            say('250 2.1.0 ok');
          } else if (verb === 'RCPT') {
            mail.to.push(/<(.*)>/.exec(line)?.[1] ?? '');
            say('250 2.1.5 ok');
          } else if (verb === 'DATA') {
            inData = true;
            say('354 end with .');
          } else if (verb === 'RSET') say('250 ok');
          else if (verb === 'QUIT') {
            say('221 bye');
            socket.end();
          } else say('502 5.5.2 not implemented');
        }
      });
      socket.on('error', () => undefined);
    });
  }

  static async start(): Promise<SmtpListener> {
    const listener = new SmtpListener();
    await new Promise<void>((resolve) => listener.#server.listen(0, '127.0.0.1', resolve));
    return listener;
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
