/** The baseline: a bare Koa 3 + @koa/router + bodyparser JSON endpoint, nothing else. */
import http from 'node:http';
import Koa from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';

const app = new Koa();
const router = new Router();
let count = 0;
router.post('/api/events/:id/queue', (ctx) => {
  count += 1;
  ctx.status = 201;
  ctx.body = { id: `e${count}`, eventId: ctx.params.id, quantity: (ctx.request.body as { quantity?: number }).quantity, status: 'waiting', position: count };
});
app.use(bodyParser());
app.use(router.routes());
const server = http.createServer(app.callback());
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  process.stdout.write(`QUEUETIX_LISTENING http://127.0.0.1:${port}\n`);
});
