const express = require('express');
const mongoose = require('mongoose');

const port = Number(process.env.PORT || 8080);
const mongoUrl = process.env.MONGO_URL || 'mongodb://localhost:27017/app';

const Note = mongoose.model(
  'Note',
  new mongoose.Schema({ text: { type: String, required: true, trim: true } }, { timestamps: true })
);

const app = express();
app.use(express.json());

// Express 4 does not catch rejected promises of async handlers.
const handle = (fn) => (req, res, next) => fn(req, res).catch(next);

app.get('/api/health', (req, res) => {
  // readyState 1 means connected.
  const up = mongoose.connection.readyState === 1;
  res.status(up ? 200 : 503).send({ mongo: up ? 'up' : 'down' });
});

app.get('/api/notes', handle(async (req, res) => {
  res.send(await Note.find().sort({ createdAt: -1 }).limit(100));
}));

app.post('/api/notes', handle(async (req, res) => {
  if (typeof req.body.text !== 'string' || req.body.text.trim() === '') {
    return res.status(422).send({ error: 'text must be a non-empty string' });
  }
  res.status(201).send(await Note.create({ text: req.body.text }));
}));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// MongoDB may still be starting when this container starts: retry the first connection.
async function connect() {
  for (let attempt = 1; ; attempt++) {
    try {
      await mongoose.connect(mongoUrl);
      return;
    } catch (err) {
      if (attempt >= 30) throw err;
      console.log(`mongo not ready (${err.message}), retrying`);
      await sleep(2000);
    }
  }
}

connect()
  .then(() => app.listen(port, () => console.log(`backend listening on port ${port}`)))
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
