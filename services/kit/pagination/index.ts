export { decodeCursor, defaultPageSize, encodeCursor, pageSize } from "./cursor.js";
