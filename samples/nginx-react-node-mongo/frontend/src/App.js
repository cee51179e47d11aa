import { useEffect, useState } from 'react';

// Same origin as the page: nginx forwards /api/ to the backend container.
export default function App() {
  const [notes, setNotes] = useState([]);
  const [text, setText] = useState('');

  const load = () =>
    fetch('/api/notes')
      .then((r) => r.json())
      .then(setNotes)
      .catch((err) => console.error(err));

  useEffect(() => {
    load();
  }, []);

  const handleSubmit = async (event) => {
    event.preventDefault();
    await fetch('/api/notes', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text }),
    });
    setText('');
    load();
  };

  return (
    <div>
      <h1>Notes</h1>
      <form onSubmit={handleSubmit}>
        <input value={text} onChange={(e) => setText(e.target.value)} placeholder="Write a note" />
        <button>Add</button>
      </form>
      <ul>
        {notes.map((note) => (
          <li key={note._id}>{note.text}</li>
        ))}
      </ul>
    </div>
  );
}
