// fake-indexeddb gives the store tests a real IndexedDB implementation in Node.
import 'fake-indexeddb/auto';
