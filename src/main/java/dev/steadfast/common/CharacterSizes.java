package dev.steadfast.common;

import io.quarkus.hibernate.validator.ValidatorFactoryCustomizer;
import jakarta.inject.Singleton;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.BaseHibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;

/**
 * Makes every {@code @Size} count characters ({@link SizeInCharacters}) in place of Hibernate
 * Validator's own validators. The service puts {@code @Size} on text only; on a collection it would
 * now find no validator and fail loudly rather than count wrongly.
 */
@Singleton
public class CharacterSizes implements ValidatorFactoryCustomizer {

    @Override
    public void customize(BaseHibernateValidatorConfiguration<?> configuration) {
        ConstraintMapping mapping = configuration.createConstraintMapping();
        mapping.constraintDefinition(Size.class).includeExistingValidators(false).validatedBy(SizeInCharacters.class);
        configuration.addMapping(mapping);
    }
}
