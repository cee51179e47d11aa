import { useCallback, useEffect, useState } from 'react';

// All API calls go through the nginx proxy, which strips the /api prefix.
export default function App() {
  const [seenIndexes, setSeenIndexes] = useState([]);
  const [values, setValues] = useState({});
  const [index, setIndex] = useState('');

  const refresh = useCallback(async () => {
    const [current, all] = await Promise.all([
      fetch('/api/values/current').then((r) => r.json()),
      fetch('/api/values/all').then((r) => r.json()),
    ]);
    setValues(current);
    setSeenIndexes(all);
  }, []);

  useEffect(() => {
    refresh().catch((err) => console.error(err));
  }, [refresh]);

  const handleSubmit = async (event) => {
    event.preventDefault();
    await fetch('/api/values', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ index }),
    });
    setIndex('');
    await refresh();
  };

  return (
    <div>
      <h1>Fib Calculator</h1>
      <form onSubmit={handleSubmit}>
        <label htmlFor="index">Enter your index:</label>
        <input id="index" value={index} onChange={(e) => setIndex(e.target.value)} />
        <button>Submit</button>
      </form>

      <h3>Indexes I have seen:</h3>
      <p>{seenIndexes.map(({ number }) => number).join(', ')}</p>

      <h3>Calculated values:</h3>
      <ul>
        {Object.entries(values).map(([key, value]) => (
          <li key={key}>
            For index {key} I calculated {value}
          </li>
        ))}
      </ul>
    </div>
  );
}
