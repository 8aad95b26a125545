package dev.kaigi.user.scim;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import java.util.List;
import java.util.Map;

/**
 * One page of a filtered query over one entity and the number of all its results, as a SCIM list
 * answers them (RFC 7644 §3.4.2.4); the page is read only when it holds anything.
 */
record ScimResultPage<T>(List<T> items, long total) {

    /**
     * @param alias  the entity's alias in {@code where} and {@code order}
     * @param where  a JPQL condition whose values are all bound in {@code params}
     * @param offset the 0-based index of the page's first result
     */
    static <T> ScimResultPage<T> of(EntityManager em, Class<T> entity, String alias, String where, Map<String, Object> params,
                                    String order, int offset, int limit) {
        String from = " from " + entity.getSimpleName() + " " + alias + " where " + where;
        TypedQuery<Long> count = em.createQuery("select count(" + alias + ")" + from, Long.class);
        params.forEach(count::setParameter);
        long total = count.getSingleResult();
        if (limit <= 0 || total <= offset) {
            return new ScimResultPage<>(List.of(), total);
        }
        TypedQuery<T> select = em.createQuery("select " + alias + from + " order by " + order, entity);
        params.forEach(select::setParameter);
        return new ScimResultPage<>(select.setFirstResult(offset).setMaxResults(limit).getResultList(), total);
    }
}
