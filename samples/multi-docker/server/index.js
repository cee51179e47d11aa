const express = require('express');
const cors = require('cors');
const { Pool } = require('pg');
const { createClient } = require('redis');

// pg reads PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE from the environment.
const pgPool = new Pool();
pgPool.on('error', (err) => console.error('postgres error', err));

const redisClient = createClient({
  socket: {
    host: process.env.REDIS_HOST,
    port: Number(process.env.REDIS_PORT || 6379),
  },
});
redisClient.on('error', (err) => console.error('redis error', err));
// A connection used for PUBLISH stays free for normal commands on the other one.
const publisher = redisClient.duplicate();
publisher.on('error', (err) => console.error('redis publisher error', err));

const app = express();
app.use(cors());
app.use(express.json());

// Express 4 does not catch rejected promises of async handlers.
const handle = (fn) => (req, res, next) => fn(req, res).catch(next);

app.get('/health', (req, res) => res.send('ok'));

app.get('/values/all', handle(async (req, res) => {
  const result = await pgPool.query('SELECT number FROM fib_values ORDER BY number');
  res.send(result.rows);
}));

app.get('/values/current', handle(async (req, res) => {
  res.send(await redisClient.hGetAll('values'));
}));

app.post('/values', handle(async (req, res) => {
  const index = Number.parseInt(req.body.index, 10);
  if (!Number.isInteger(index) || index < 0 || index > 40) {
    return res.status(422).send('Index must be an integer from 0 to 40');
  }
  await redisClient.hSet('values', String(index), 'Nothing yet!');
  await publisher.publish('insert', String(index));
  await pgPool.query('INSERT INTO fib_values (number) VALUES ($1)', [index]);
  res.send({ working: true });
}));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Postgres may still be starting when this container starts: retry the schema setup.
async function createTable() {
  for (let attempt = 1; ; attempt++) {
    try {
      await pgPool.query('CREATE TABLE IF NOT EXISTS fib_values (number INT)');
      return;
    } catch (err) {
      if (attempt >= 30) throw err;
      console.log(`postgres not ready (${err.message}), retrying`);
      await sleep(2000);
    }
  }
}

async function main() {
  await Promise.all([redisClient.connect(), publisher.connect(), createTable()]);
  app.listen(5000, () => console.log('api listening on port 5000'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
