const { createClient } = require('redis');

const client = createClient({
  socket: {
    host: process.env.REDIS_HOST,
    port: Number(process.env.REDIS_PORT || 6379),
  },
});
client.on('error', (err) => console.error('redis error', err));
// A subscribed connection can run no other commands, so subscribe on a duplicate.
const subscriber = client.duplicate();
subscriber.on('error', (err) => console.error('redis subscriber error', err));

// Deliberately slow recursive version: the point is to have work for a worker.
function fib(index) {
  if (index < 2) return 1;
  return fib(index - 1) + fib(index - 2);
}

async function main() {
  await Promise.all([client.connect(), subscriber.connect()]);
  await subscriber.subscribe('insert', async (message) => {
    const index = Number.parseInt(message, 10);
    await client.hSet('values', message, String(fib(index)));
  });
  console.log('worker waiting for indexes on channel "insert"');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
