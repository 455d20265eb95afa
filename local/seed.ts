/** Loads the demo directory into the table (an upsert: safe on every start). */
import { putPeople } from '../functions/adapters/store/users';
import { catalog } from '../functions/usecases/catalog';

export async function seedDirectory() {
  await putPeople(catalog.data.directory);
}
