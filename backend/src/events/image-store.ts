import { GridFSBucket, ObjectId, type Db, type GridFSFile } from 'mongodb';
import type { Readable } from 'node:stream';

export interface StoredImage {
  id: ObjectId;
  contentType: string;
  length: number;
  uploadedAt: Date;
}

/** Event images in GridFS (bucket `images`), so they live in the same database as everything else. */
export class ImageStore {
  private readonly bucket: GridFSBucket;

  constructor(db: Db) {
    this.bucket = new GridFSBucket(db, { bucketName: 'images' });
  }

  async save(eventId: string, bytes: Uint8Array, contentType: string): Promise<ObjectId> {
    const upload = this.bucket.openUploadStream(`event-${eventId}`, { metadata: { eventId, contentType } });
    await new Promise<void>((resolve, reject) => {
      upload.once('error', reject);
      upload.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), () => resolve());
    });
    return upload.id;
  }

  async describe(id: ObjectId): Promise<StoredImage | null> {
    const [file] = await this.bucket.find({ _id: id }).limit(1).toArray();
    return file ? describe(file) : null;
  }

  open(id: ObjectId): Readable {
    return this.bucket.openDownloadStream(id);
  }

  /** Deleting an image that is already gone is fine (a retried replacement). */
  async delete(id: ObjectId): Promise<void> {
    await this.bucket.delete(id).catch((err: unknown) => {
      if (!/not found/i.test(String(err))) throw err;
    });
  }
}

function describe(file: GridFSFile): StoredImage {
  const contentType = typeof file.metadata?.contentType === 'string' ? file.metadata.contentType : 'application/octet-stream';
  return { id: file._id, contentType, length: file.length, uploadedAt: file.uploadDate };
}
