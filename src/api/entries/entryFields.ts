// The rules live in the domain: incoming webhooks check mapped values against them too.
export { entryNameField, parentField } from '../../domain/entries/entryFields';
