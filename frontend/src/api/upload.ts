import type { ErrorBody, ImageUploadResponse } from '@queuetix/contracts';
import { isErrorCode } from '@queuetix/contracts/error-codes';
import { ApiError, bearer } from './http';

/** Multipart upload with progress (fetch cannot report upload progress, XHR can). */
export async function uploadWithProgress(path: string, field: string, file: File, onProgress: (fraction: number) => void): Promise<ImageUploadResponse> {
  const headers = await bearer();
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'The upload was interrupted. Try again.'));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body as ImageUploadResponse);
        return;
      }
      const err = (body as Partial<ErrorBody> | null | undefined)?.error;
      const code = isErrorCode(err?.code) ? err.code : 'bad_response';
      reject(new ApiError(xhr.status, code, err?.message ?? `Upload failed (HTTP ${xhr.status})`, err?.details));
    };
    const form = new FormData();
    form.append(field, file);
    xhr.send(form);
  });
}
