package dev.kaigi.user.lifecycle;

import dev.kaigi.events.internal.TransferPreview.CategoryPreview;
import dev.kaigi.events.user.TransferCategory;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/**
 * What deleting a user with the heirs asked for would do (LIF-05's dry run).
 *
 * @param categories each category whose service answered, in {@link TransferCategory}'s order
 * @param unavailable the categories whose service could not be asked now; try again, or delete knowing less
 */
@Schema(name = "DeletionPreview")
public record DeletionPreviewView(UUID userId, List<CategoryPreview> categories, List<TransferCategory> unavailable) {
}
